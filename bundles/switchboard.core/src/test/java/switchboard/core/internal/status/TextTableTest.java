package switchboard.core.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class TextTableTest {
    private static final String[] HEADER = {"SERVICE", "ADDRESS", "PORT", "STATE"};
    private static final List<String[]> ROWS = List.of(
            new String[] {"web console", "127.0.0.1", "8080", "serving"},
            new String[] {"dns", "127.0.0.1", "1053", "off: no LAN interface configured"},
            new String[] {"a-much-longer-service-name", "0.0.0.0", "5", ""});

    private static List<String> render() {
        TextTable table = new TextTable(HEADER);
        ROWS.forEach(table::row);
        String text = table.toString();
        assertTrue(text.endsWith("\n"));
        return text.lines().toList();
    }

    private static int widest(int column) {
        int w = HEADER[column].length();
        for (String[] r : ROWS) w = Math.max(w, r[column].length());
        return w;
    }

    private static String[] cells(int line) {
        return line == 0 ? HEADER : ROWS.get(line - 1);
    }

    @Test
    void oneLinePerRowWithTheHeaderFirst() {
        List<String> lines = render();
        assertEquals(ROWS.size() + 1, lines.size());
        assertTrue(lines.get(0).startsWith("SERVICE  "), lines.get(0));
    }

    @Test
    void everyColumnStartsTwoSpacesAfterItsWidestCell() {
        List<String> lines = render();
        for (int l = 0; l < lines.size(); l++) {
            int start = 0;
            for (int c = 0; c < HEADER.length; c++) {
                String cell = cells(l)[c];
                assertEquals(cell, lines.get(l).substring(start, start + cell.length()), "line " + l + " column " + c);
                start += widest(c) + 2;
            }
        }
    }

    @Test
    void theLastColumnIsNotPadded() {
        List<String> lines = render();
        for (int l = 0; l < lines.size(); l++) {
            String last = cells(l)[HEADER.length - 1];
            assertTrue(lines.get(l).endsWith("  " + last) || last.isEmpty(), lines.get(l));
            if (!last.isEmpty()) assertFalse(lines.get(l).endsWith(" "), "no trailing blanks: '" + lines.get(l) + "'");
        }
    }

    @Test
    void aHeaderAloneIsOneLine() {
        assertEquals("A  B\n", new TextTable("A", "B").toString());
    }
}
