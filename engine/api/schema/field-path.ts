// Field paths in the two spellings kube uses. Validation errors name fields as apimachinery's
// field.Path prints them (`spec.items[0]`, `data[key]`); the OpenAPI validator names map entries with
// a dot instead (`spec.map.key`), and both appear in real messages, so both are reproduced.

/** `parent.name`, or `name` at the root. */
export function childPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

/** `parent[i]`. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** `parent[key]`, how field.Path prints a map key (no quotes). */
export function keyPath(parent: string, key: string): string {
  return `${parent}[${key}]`;
}
