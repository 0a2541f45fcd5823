/**
 * C's printf number formats, exact: `%{w}.{p}f`, `%{w}.{p}e`, `%{w}d`, `%g`, rounding the double's
 * exact binary value ties-to-even as glibc does (Torch's printing and Lua's log files use them).
 */

/** A positive finite double as an exact `mant · 2^exp`. */
function decompose(x: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mant: frac, exp: -1074 };
  return { mant: frac | (1n << 52n), exp: biased - 1075 };
}

/** num / den rounded to the nearest integer, ties to even (both positive). */
function roundDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twice = 2n * (num - q * den);
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** round(|x| · 10^shift) for a finite |x|, exactly (shift may be negative). */
function scaledRound(ax: number, shift: number): bigint {
  if (ax === 0) return 0n;
  const { mant, exp } = decompose(ax);
  let num = mant;
  let den = 1n;
  if (exp >= 0) num <<= BigInt(exp);
  else den <<= BigInt(-exp);
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  return roundDiv(num, den);
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return undefined;
}

function pad(s: string, width: number): string {
  return Number.isFinite(width) ? s.padStart(width) : s;
}

/** The digits of |x| to `prec` decimals (C's `%.{prec}f` without the sign). */
function fixedDigits(ax: number, prec: number): string {
  const digits = scaledRound(ax, prec).toString().padStart(prec + 1, '0');
  return prec === 0 ? digits : `${digits.slice(0, -prec)}.${digits.slice(-prec)}`;
}

/** The `prec + 1` significant digits of |x| and its decimal exponent, as `%.{prec}e` rounds them. */
function expDigits(ax: number, prec: number): { digits: string; e: number } {
  if (ax === 0) return { digits: '0'.repeat(prec + 1), e: 0 };
  let e = Math.floor(Math.log10(ax));
  const lo = 10n ** BigInt(prec);
  for (;;) {
    const q = scaledRound(ax, prec - e);
    if (q >= 10n * lo) e += 1;
    else if (q < lo) e -= 1;
    else return { digits: q.toString(), e };
  }
}

function expSuffix(e: number): string {
  return `e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** C's `%{width}.{prec}f`. */
export function cFixed(x: number, width: number, prec: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return pad(special, width);
  return pad((isNegative(x) ? '-' : '') + fixedDigits(Math.abs(x), prec), width);
}

/** C's `%{width}.{prec}e`. */
export function cExp(x: number, width: number, prec: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return pad(special, width);
  const { digits, e } = expDigits(Math.abs(x), prec);
  const mantissa = prec === 0 ? digits : `${digits.slice(0, 1)}.${digits.slice(1)}`;
  return pad(`${isNegative(x) ? '-' : ''}${mantissa}${expSuffix(e)}`, width);
}

/** C's `%{width}d` of an integral value (Lua converts it to an integer first, so −0 prints 0). */
export function cInt(x: number, width: number): string {
  return pad(x === 0 ? '0' : String(x), width);
}

/** C's `%g` (6 significant digits, trailing zeros dropped). */
export function cG(x: number): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const sign = isNegative(x) ? '-' : '';
  const ax = Math.abs(x);
  if (ax === 0) return `${sign}0`;
  const P = 6;
  const { digits, e } = expDigits(ax, P - 1);
  const strip = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (e < -4 || e >= P) return `${sign}${strip(`${digits.slice(0, 1)}.${digits.slice(1)}`)}${expSuffix(e)}`;
  return `${sign}${strip(fixedDigits(ax, P - 1 - e))}`;
}
