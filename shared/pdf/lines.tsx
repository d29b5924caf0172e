import { Text, View } from '@react-pdf/renderer';
import type { LineOut } from '../ops/invoice-view.js';
import { formatQuantity, formatTaxRate, formatUnitPrice } from './format.js';
import { styles } from './styles.js';


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
      <Text style={styles.description}>{line.description}</Text>
      <Text style={styles.quantity}>{formatQuantity(line)}</Text>
      <Text style={styles.unitPrice}>{formatUnitPrice(line)}</Text>
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
