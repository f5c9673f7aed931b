/**
 * The host page's callbacks, made safe to call: a callback that throws (or returns a rejected
 * promise) is reported on the console and never breaks the flow that called it.
 */

type AnyCallback = (...args: never[]) => unknown;

function report(name: string, error: unknown): void {
  console.error(`Doorway: the ${name} callback threw; the flow goes on.`, error);
}

/** Wraps one optional callback; the result is always callable (a no-op when none was given). */
export function guardCallback<F extends AnyCallback>(name: string, callback: F | undefined): (...args: Parameters<F>) => void {
  return (...args: Parameters<F>) => {
    if (typeof callback !== 'function') return;
    try {
      const returned = (callback as (...a: Parameters<F>) => unknown)(...args);
      if (returned instanceof Promise) returned.catch((error: unknown) => report(name, error));
    } catch (error) {
      report(name, error);
    }
  };
}

/** Wraps a callback that Codat fires at most once per mount (onFinish, for instance). */
export function onceCallback<F extends AnyCallback>(name: string, callback: F | undefined): (...args: Parameters<F>) => void {
  const guarded = guardCallback(name, callback);
  let fired = false;
  return (...args: Parameters<F>) => {
    if (fired) return;
    fired = true;
    guarded(...args);
  };
}

/**
 * Props are read once at mount, as Codat's are: a shallow copy taken at construction, so a page
 * that later mutates its props object changes nothing (remount to change them).
 */
export function readPropsOnce<P extends object>(props: P): Readonly<P> {
  if (typeof props !== 'object' || props === null) throw new TypeError('Doorway: props must be an object.');
  return Object.freeze({ ...props });
}
