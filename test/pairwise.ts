// Pairwise (all-pairs) combinations for test matrices: every value of every dimension meets
// every value of every other dimension in at least one row, without the full product. Greedy
// and deterministic: the same dimensions always give the same rows.

export type Dimensions = Record<string, readonly unknown[]>;
export type Row<D extends Dimensions> = { [K in keyof D]: D[K][number] };

/**
 * The rows, each one of the full product that `valid` accepts (a constraint such as "this action
 * runs only on these events"), after `seeds`. A pair no valid row can hold is not required.
 */
export function pairwise<D extends Dimensions>(
  dimensions: D,
  valid: (row: Row<D>) => boolean = () => true,
  seeds: Row<D>[] = [],
): Row<D>[] {
  const names = Object.keys(dimensions) as (keyof D & string)[];
  const product: Row<D>[] = [];
  const walk = (i: number, row: Partial<Row<D>>): void => {
    if (i === names.length) {
      if (valid(row as Row<D>)) product.push({ ...(row as Row<D>) });
      return;
    }
    for (const value of dimensions[names[i]!]!) walk(i + 1, { ...row, [names[i]!]: value });
  };
  walk(0, {});

  const key = (a: string, va: unknown, b: string, vb: unknown) => `${a}=${String(va)}|${b}=${String(vb)}`;
  const pairsOf = (row: Row<D>): string[] => {
    const out: string[] = [];
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) out.push(key(names[i]!, row[names[i]!], names[j]!, row[names[j]!]));
    return out;
  };
  const uncovered = new Set(product.flatMap(pairsOf));
  // Rows that must be there (the cases a bug was found in) count first.
  const rows: Row<D>[] = [...seeds];
  for (const p of seeds.flatMap(pairsOf)) uncovered.delete(p);
  while (uncovered.size) {
    let best: Row<D> | undefined;
    let bestScore = 0;
    for (const candidate of product) {
      const score = pairsOf(candidate).filter((p) => uncovered.has(p)).length;
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    rows.push(best!);
    for (const p of pairsOf(best!)) uncovered.delete(p);
  }
  return rows;
}
