/**
 * Typed errors. Messages name `Class.method`, what was expected and what came:
 * `Linear.updateOutput: expected input of size [*, 10], got [4, 12]`.
 */
export class DpnnError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A tensor had the wrong number of dimensions or the wrong sizes. */
export class ShapeError extends DpnnError {}
/** An argument had a wrong value or type (out-of-range target, bad option, wrong table arity). */
export class ArgumentError extends DpnnError {}
/** A method was called in the wrong state (backward before forward, BPTT out of order, NaN loss). */
export class StateError extends DpnnError {}

/** `[4, 12]` */
export function shapeStr(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

type ErrorClass = new (message: string, options?: { cause?: unknown }) => Error;

/**
 * Re-raises a child's error with its position in the container prefixed, keeping the error's class:
 * `In module 2 (Linear) of Sequential: Linear.updateOutput: …`.
 */
export function childError(containerName: string, index: number, childName: string, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  const Ctor: ErrorClass = err instanceof DpnnError ? (err.constructor as ErrorClass) : Error;
  return new Ctor(`In module ${index} (${childName}) of ${containerName}: ${message}`, { cause: err });
}

/** A `.t7` file could not be read or a value could not be written (names the byte offset and what was expected). */
export class SerializationError extends DpnnError {}
