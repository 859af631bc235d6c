/** Where in the user's repository a problem is, for an annotation the runner shows on the file. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/**
 * The one kind of failure an action reports to its user: what is wrong and how to fix it.
 * Anything else that escapes an action is a bug and is reported with its stack in the debug log.
 */
export class ActionError extends Error {
  readonly input?: string;
  readonly location?: SourceLocation;

  constructor(message: string, options: { input?: string; location?: SourceLocation; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ActionError';
    this.input = options.input;
    this.location = options.location;
  }
}

/** Bad input: the message always starts with the input's name, so the user knows what to edit. */
export class InputError extends ActionError {
  constructor(input: string, problem: string, fix: string, location?: SourceLocation) {
    super(`Input "${input}": ${problem}. ${fix}`, { input, location });
    this.name = 'InputError';
  }
}
