/** NUMERIC text without trailing fractional zeros ('12.5000' -> '12.5', '3.000' -> '3'), as the engine writes it. */
export function plainDecimal(text: string): string {
  if (!text.includes('.')) return text;
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
