export interface Bar {
  label: string;
  value: number;
  /** What the bar reads, such as "3" or "75%". */
  text: string;
}

interface BarChartProps {
  title: string;
  bars: Bar[];
  /** The value of a full-width bar. */
  max: number;
  /** Says in words what the chart shows; the table after it holds the figures. */
  alt: string;
}

const colours = ['#1d70b8', '#00703c', '#f47738', '#d4351c', '#4c2c92', '#505a5f'];

/**
 * A horizontal bar chart drawn as SVG, with its text alternative as the
 * image's name. Colours pass 3:1 against white, and every bar is labelled
 * with its figure, so no colour carries meaning alone.
 */
export function BarChart({ title, bars, max, alt }: BarChartProps) {
  const rowHeight = 28;
  const labelWidth = 220;
  const width = 640;
  const height = bars.length * rowHeight + 8;
  const scale = (v: number) => (max > 0 ? ((width - labelWidth - 60) * v) / max : 0);

  return (
    <figure className="govuk-!-margin-0 govuk-!-margin-bottom-4">
      <svg
        role="img"
        aria-label={alt}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: `${width}px` }}
      >
        <title>{title}</title>
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * rowHeight + 4})`}>
            <text x={labelWidth - 8} y={18} textAnchor="end" fontSize="14" fill="#0b0c0c">
              {b.label}
            </text>
            <rect
              x={labelWidth}
              y={4}
              width={Math.max(scale(b.value), 1)}
              height={18}
              fill={colours[i % colours.length]}
            />
            <text x={labelWidth + scale(b.value) + 6} y={18} fontSize="14" fill="#0b0c0c">
              {b.text}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="govuk-body-s">{alt}</figcaption>
    </figure>
  );
}
