package vn.attthub.document;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The media types {@link StoredFiles} recognises from a file's content, and the file-name extensions of each. */
public final class MediaTypes {
    public static final String PDF = "application/pdf";
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String TEXT = "text/plain";
    public static final String CSV = "text/csv";
    public static final String JSON = "application/json";

    /** Documents of a dossier or evidence: PDF, Word, Excel, images. */
    public static final Set<String> DOCUMENTS = Set.of(PDF, DOCX, XLSX, PNG, JPEG);
    /** Tabular imports. */
    public static final Set<String> TABLES = Set.of(CSV, XLSX);

    static final Map<String, List<String>> EXTENSIONS = Map.of(
            PDF, List.of("pdf"),
            DOCX, List.of("docx"),
            XLSX, List.of("xlsx"),
            PNG, List.of("png"),
            JPEG, List.of("jpg", "jpeg"),
            TEXT, List.of("txt", "text", "log", "md"),
            CSV, List.of("csv"),
            JSON, List.of("json"));

    private MediaTypes() {
    }

    /** The canonical media type of a file-name extension, or null when the extension is not one we store. */
    static String ofExtension(String extension) {
        if (extension == null) {
            return null;
        }
        for (var e : EXTENSIONS.entrySet()) {
            if (e.getValue().contains(extension)) {
                return e.getKey();
            }
        }
        return null;
    }
}
