// Integers with thousands separators ("2,112"). Not toLocaleString: its first call in a
// process sets up ICU's number formatting, which a cold command would pay for a help text.

/** An integer written with commas between groups of three digits. */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+$)/g, ',');
}
