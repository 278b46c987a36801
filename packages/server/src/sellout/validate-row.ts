import type { TabularRow } from '../files/tabular-reader.ts';
import { columnFor, type MappingProfile, type SellOutField } from './mapping-profile.ts';
import { type NumberStyle, PLAIN_NUMBERS, parseAmount, parseDate, parseInteger } from './parse-values.ts';
import type { RowProblem } from './sellout-errors.ts';

/** A sell-out line as read from a file, typed and canonical, ready to stage. */
export interface SellOutLine {
  lineId: string;
  invoiceDate: string;
  resellerId: string;
  repId: string | null;
  sku: string;
  quantity: string;
  netAmount: string;
  currency: string;
}

export type ValidatedRow = { ok: true; line: SellOutLine } | { ok: false; problems: RowProblem[] };

const MAX_ID_LENGTH = 200;
const currencyPattern = /^[A-Za-z]{3}$/;

/** Validates rows of one file against its mapping profile and the distributor being imported. */
export class SellOutRowValidator {
  private readonly columns: Record<SellOutField, string>;
  private readonly style: NumberStyle;

  constructor(
    private readonly profile: MappingProfile,
    private readonly distributorId: string,
  ) {
    this.columns = {
      distributor_id: columnFor(profile, 'distributor_id'),
      line_id: columnFor(profile, 'line_id'),
      invoice_date: columnFor(profile, 'invoice_date'),
      reseller_id: columnFor(profile, 'reseller_id'),
      rep_id: columnFor(profile, 'rep_id'),
      sku: columnFor(profile, 'sku'),
      quantity: columnFor(profile, 'quantity'),
      net_amount: columnFor(profile, 'net_amount'),
      currency: columnFor(profile, 'currency'),
    };
    this.style = { decimalComma: profile.decimalComma, thousandsSeparator: profile.thousandsSeparator };
  }

  column(field: SellOutField): string {
    return this.columns[field];
  }

  validate(row: TabularRow): ValidatedRow {
    const values = row.values;
    const typed = row.typedColumns;
    const columns = this.columns;
    // Rows are validated millions of times: plain reads first, problems only built when needed.
    const distributor = (values[columns.distributor_id] ?? '').trim();
    const lineId = (values[columns.line_id] ?? '').trim();
    const resellerId = (values[columns.reseller_id] ?? '').trim();
    const sku = (values[columns.sku] ?? '').trim();
    const repText = (values[columns.rep_id] ?? '').trim();
    const dateText = (values[columns.invoice_date] ?? '').trim();
    const quantityText = (values[columns.quantity] ?? '').trim();
    const amountText = (values[columns.net_amount] ?? '').trim();
    const currencyText = (values[columns.currency] ?? '').trim();

    const problems: RowProblem[] = [];
    if (distributor !== '' && distributor !== this.distributorId) {
      problems.push({
        code: 'distributor_mismatch',
        column: columns.distributor_id,
        value: distributor,
        message: `the file is imported for distributor ${this.distributorId}`,
      });
    }
    this.requireId('line_id', lineId, problems);
    this.requireId('reseller_id', resellerId, problems);
    this.requireId('sku', sku, problems);
    const invoiceDate = this.date(dateText, typed?.has(columns.invoice_date) ?? false, problems);
    const quantity = this.number('quantity', quantityText, typed, problems);
    const netAmount = this.number('net_amount', amountText, typed, problems);
    if (!currencyPattern.test(currencyText)) {
      problems.push({
        code: 'invalid_currency',
        column: columns.currency,
        value: currencyText,
        message: 'not a 3-letter ISO 4217 currency code',
      });
    }
    if (problems.length > 0 || invoiceDate === undefined || quantity === undefined || netAmount === undefined) {
      return { ok: false, problems };
    }
    return {
      ok: true,
      line: {
        lineId,
        invoiceDate,
        resellerId,
        repId: repText === '' ? null : repText,
        sku,
        quantity,
        netAmount,
        currency: currencyText.toUpperCase(),
      },
    };
  }

  private requireId(field: SellOutField, value: string, problems: RowProblem[]): void {
    if (value !== '' && value.length <= MAX_ID_LENGTH) return;
    problems.push(
      value === ''
        ? { code: 'missing_value', column: this.columns[field], value, message: 'a value is required' }
        : {
            code: 'value_too_long',
            column: this.columns[field],
            value,
            message: `longer than ${MAX_ID_LENGTH} characters`,
          },
    );
  }

  private date(value: string, typedCell: boolean, problems: RowProblem[]): string | undefined {
    // A real date cell of a spreadsheet arrives as ISO whatever the profile says for text.
    const parsed = typedCell ? parseDate(value.slice(0, 10), 'YYYY-MM-DD') : parseDate(value, this.profile.dateFormat);
    if (parsed === undefined) {
      problems.push({
        code: value === '' ? 'missing_value' : 'invalid_date',
        column: this.columns.invoice_date,
        value,
        message: value === '' ? 'a value is required' : `not a valid date in the format ${this.profile.dateFormat}`,
      });
    }
    return parsed;
  }

  private number(
    field: 'quantity' | 'net_amount',
    value: string,
    typed: ReadonlySet<string> | undefined,
    problems: RowProblem[],
  ): string | undefined {
    const column = this.columns[field];
    // Spreadsheet number cells are written with a decimal point and no grouping.
    const style = typed?.has(column) ? PLAIN_NUMBERS : this.style;
    const parsed = field === 'quantity' ? parseInteger(value, style) : parseAmount(value, style);
    if (parsed === undefined) {
      const decimal = style.decimalComma ? 'comma' : 'point';
      problems.push({
        code: value === '' ? 'missing_value' : field === 'quantity' ? 'invalid_integer' : 'invalid_amount',
        column,
        value,
        message:
          value === ''
            ? 'a value is required'
            : field === 'quantity'
              ? 'not a whole number'
              : `not a decimal number (decimal ${decimal}, at most 15 digits before and 6 after it)`,
      });
    }
    return parsed;
  }
}
