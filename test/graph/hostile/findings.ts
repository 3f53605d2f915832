/**
 * Failed probes, grouped by class (stage, field, principal, what went wrong) so that a report
 * names each distinct defect once with how often it was seen and one example.
 */
export class Findings {
  private readonly classes = new Map<string, { count: number; example: string; tags: Set<string> }>();
  probes = 0;

  /** `tag` names the variant (a hostile value, say); a class lists the tags it was seen with. */
  add(cls: string, example: string, tag?: string): void {
    const known = this.classes.get(cls) ?? { count: 0, example, tags: new Set<string>() };
    this.classes.set(cls, known);
    known.count++;
    if (tag) known.tags.add(tag);
  }

  get size(): number {
    return this.classes.size;
  }

  /** One line per class, most frequent first, each with one example (truncated). */
  report(limit = 80): string {
    const lines = [...this.classes.entries()]
      .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
      .map(
        ([cls, { count, example, tags }]) =>
          `  ✗ ${cls} (×${count})${tags.size ? `\n      with: ${[...tags].join('; ')}` : ''}\n      e.g. ${example.replace(/\s+/g, ' ').slice(0, 400)}`,
      );
    const more = lines.length > limit ? `\n  … and ${lines.length - limit} more classes` : '';
    return `${this.classes.size} failing probe classes:\n${lines.slice(0, limit).join('\n')}${more}`;
  }
}

/** A short text of an answer for a report. */
export function brief(answer: { status: number; text: string; failure?: string }): string {
  if (answer.status === 0) return answer.failure ?? 'no answer';
  return `HTTP ${answer.status} ${answer.text.slice(0, 300)}`;
}
