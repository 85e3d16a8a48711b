package switchboard.api.accounts;

import java.util.List;

/** Result of a bulk import: accounts created, updated, and lines refused (with line number and reason). */
public record ImportReport(int created, int updated, List<String> errors) {
    public ImportReport {
        errors = List.copyOf(errors);
    }
}
