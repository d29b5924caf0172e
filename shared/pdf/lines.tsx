import { Text, View } from '@react-pdf/renderer';
import type { LineOut } from '../ops/invoice-view.js';
import { formatQuantity, formatTaxRate } from './format.js';
import { styles } from './styles.js';

/** Exact minutes of a time line: its quantity is rounded to 3 decimals of an hour, its amount is not. */
function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min';
}

function Header() {
  // `fixed`: when the table breaks across pages, react-pdf repeats this row at the top of each part.
  return (
    <View style={styles.tableHead} fixed>
      <Text style={styles.description}>DESCRIPTION</Text>
      <Text style={styles.quantity}>QTY</Text>
      <Text style={styles.unitPrice}>UNIT PRICE</Text>
      <Text style={styles.tax}>TAX</Text>
      <Text style={styles.amount}>AMOUNT</Text>
    </View>
  );
}

function Row({ line }: { line: LineOut }) {
  // wrap={false}: a line is never cut in two by a page break.
  return (
    <View style={styles.row} wrap={false}>
      <View style={styles.description}>
        <Text>{line.description}</Text>
        {line.kind === 'time' && line.minutes !== null ? <Text style={styles.detail}>{minutesText(line.minutes)} of time</Text> : null}
      </View>
      <Text style={styles.quantity}>{formatQuantity(line.quantity, line.kind)}</Text>
      <Text style={styles.unitPrice}>{line.unit_amount_formatted}</Text>
      <Text style={styles.tax}>{formatTaxRate(line.tax_rate_bps)}</Text>
      <Text style={styles.amount}>{line.amount_formatted}</Text>
    </View>
  );
}

export function LinesTable({ lines }: { lines: LineOut[] }) {
  return (
    <View>
      <Header />
      {lines.length ? lines.map((line) => <Row key={line.id} line={line} />) : <Text style={styles.empty}>No lines yet.</Text>}
    </View>
  );
}
