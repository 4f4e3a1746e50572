// A bordered box of a fixed size with a bold title row, so panels line up side by side whatever they
// hold. Its inner width is `width - 4` (border and one space of padding each side).

import { Box } from 'ink';
import { Rows } from './Rows.js';
import type { Row } from './segments.js';
import { clipRow, limitRows, seg, wrapRow } from './segments.js';

export const PANEL_CHROME_COLS = 4;
export const PANEL_CHROME_ROWS = 2;

/** The rows a panel of this width shows for `rows`: wrapped (or, for logs, clipped) to the inner width. */
export function fitRows(rows: Row[], width: number, wrap: boolean): Row[] {
  const inner = Math.max(1, width - PANEL_CHROME_COLS);
  return wrap ? rows.flatMap((r) => wrapRow(r, inner)) : rows.map((r) => clipRow(r, inner));
}

export function Panel({ title, titleColor, rows, width, height, wrap = true }: { title: string; titleColor?: string; rows: Row[]; width: number; height: number; wrap?: boolean }) {
  const inner = Math.max(1, width - PANEL_CHROME_COLS);
  const body = limitRows(fitRows(rows, width, wrap), Math.max(0, height - PANEL_CHROME_ROWS - 1));
  return (
    <Box borderStyle="round" borderColor="gray" width={width} height={height} paddingX={1} flexDirection="column" overflow="hidden">
      <Rows rows={[clipRow([seg(title, { bold: true, ...(titleColor ? { color: titleColor } : {}) })], inner), ...body]} />
    </Box>
  );
}
