// Types the git layer's modules share; kept apart so that signing.ts and index.ts need not import each other.

export interface GitOptions {
  /**
   * Extra configuration for this process only (`git -c` is avoided: it shows in `ps`). A list
   * gives a multi-valued key its values in order.
   */
  config?: Record<string, string | readonly string[]>;
  env?: Record<string, string | undefined>;
  secrets?: string[];
}
