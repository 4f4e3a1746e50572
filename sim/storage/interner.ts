// Small integers for the few distinct strings that every write repeats (apps, PVCs, clusters,
// images), so that per-write storage holds numbers and the strings exist once per model.

export class Interner {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  /** The id of a value already seen; looking up never grows the interner. */
  idIfKnown(value: string): number | undefined {
    return this.ids.get(value);
  }

  value(id: number): string {
    const v = this.values[id];
    if (v === undefined) throw new Error(`interner: no value ${id}`);
    return v;
  }

  get size(): number {
    return this.values.length;
  }
}
