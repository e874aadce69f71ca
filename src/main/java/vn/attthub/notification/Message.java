package vn.attthub.notification;

import vn.attthub.shared.AgencyId;

import java.util.Map;

/**
 * A message to one agency: its users (and, by e-mail, its contact points) receive it. {@code template} names a
 * Vietnamese/English template under {@code templates/notification/}, rendered with {@code model}; {@code link} is
 * the in-app path it points at; {@code dedupKey}, when set, makes sending the same message twice a no-op.
 */
public record Message(String template, AgencyId agency, Map<String, Object> model, String link, String dedupKey) {
}
