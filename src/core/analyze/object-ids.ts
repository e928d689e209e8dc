/**
 * Small integer ids for objects, in order of first use. Shared objects
 * (interned sets, shared lists) stand for their content, so their ids make
 * short exact keys and hash inputs.
 */
export class ObjectIds<T extends object = object> {
  private readonly ids = new Map<T, number>();

  of(o: T): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.ids.size));
    return id;
  }
}
