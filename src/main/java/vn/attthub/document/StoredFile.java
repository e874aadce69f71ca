package vn.attthub.document;

import java.time.Instant;
import java.util.UUID;

/**
 * What the platform knows about a stored file: its random id, the sanitised name the user gave it, the media type
 * detected from its content (not the one the client declared), its size and SHA-256 (hex, lower case).
 */
public record StoredFile(UUID id, String originalName, String mediaType, long size, String sha256, Instant storedAt) {
}
