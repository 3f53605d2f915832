/** One row of the bench table and of `bench/results.json` (DESIGN section 7). */
export interface Result {
  name: string;
  unit: string;
  value: number;
  baseline?: number;
  ratio?: number;
}
