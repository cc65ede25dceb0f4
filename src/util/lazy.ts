/**
 * A value made on first use and kept. For JSON Schema validators: compiling one costs tens to hundreds of
 * milliseconds, which every CLI command would pay at start-up if modules compiled their schemas when imported.
 */
export function lazy<T>(make: () => T): () => T {
  let made: { readonly value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}
