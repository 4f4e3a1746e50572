// Paints rows of segments: one <Text> per row, one nested <Text> per styled segment.

import { Box, Text } from 'ink';
import type { Row } from './segments.js';

export function Rows({ rows }: { rows: Row[] }) {
  return (
    <Box flexDirection="column">
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate">
          {row.length === 0
            ? ' '
            : row.map((s, j) => (
                <Text key={j} {...(s.color ? { color: s.color } : {})} bold={s.bold === true} dimColor={s.dim === true} inverse={s.inverse === true}>
                  {s.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
