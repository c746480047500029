import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Report } from '../api/reports';
import { figureTables, narrativeSections } from './tables';

function table(header: string[], rows: string[][]) {
  const row = (cells: string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map(
        (c) =>
          new TableCell({
            children: [new Paragraph({ children: [new TextRun({ text: c, bold })] })],
          }),
      ),
    });

  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(header, true), ...rows.map((r) => row(r, false))],
  });
}

/**
 * The report as an editable Word document: the narrative the practitioner
 * wrote, each section followed by the table of its figures.
 */
export async function reportDocument(report: Report): Promise<Blob> {
  const tables = figureTables(report);
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: report.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: `Period ${report.from} to ${report.to}.` }),
  ];
  if (report.previous_title) {
    children.push(new Paragraph({ text: `Compared with ${report.previous_title}.` }));
  }
  for (const section of narrativeSections) {
    const figures = tables.find((t) => t.key === section.key);
    const text = report.narrative[section.key];
    if (!figures && !text) continue;
    children.push(new Paragraph({ text: section.title, heading: HeadingLevel.HEADING_1 }));
    if (text) {
      for (const para of text.split(/\n{2,}/)) children.push(new Paragraph({ text: para }));
    }
    if (figures) {
      children.push(new Paragraph({ text: figures.title, heading: HeadingLevel.HEADING_2 }));
      children.push(
        figures.rows.length === 0
          ? new Paragraph({ text: 'Nothing was recorded in this period.' })
          : table(figures.header, figures.rows),
      );
    }
  }
  const doc = new Document({
    title: report.title,
    creator: 'sendqa',
    sections: [{ children }],
  });

  return Packer.toBlob(doc);
}
