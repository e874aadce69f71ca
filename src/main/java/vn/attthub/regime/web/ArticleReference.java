package vn.attthub.regime.web;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A readable reference for an article code such as {@code ND85-9.2.c}: "Điều 9 khoản 2 điểm c NĐ 85/2016/NĐ-CP". */
final class ArticleReference {
    private static final Pattern ND85 = Pattern.compile("ND85-(\\d+)(?:\\.(\\d+))?(?:\\.(\\p{L}))?");

    private ArticleReference() {
    }

    static String of(String article, Locale locale) {
        Matcher m = ND85.matcher(article);
        if (!m.matches()) {
            return article;
        }
        boolean vi = !"en".equals(locale.getLanguage());
        StringBuilder sb = new StringBuilder();
        if (vi) {
            sb.append("Điều ").append(m.group(1));
            if (m.group(2) != null) sb.append(" khoản ").append(m.group(2));
            if (m.group(3) != null) sb.append(" điểm ").append(m.group(3));
            sb.append(" Nghị định 85/2016/NĐ-CP");
        } else {
            sb.append("Decree 85/2016 Art ").append(m.group(1));
            if (m.group(2) != null) sb.append('(').append(m.group(2)).append(')');
            if (m.group(3) != null) sb.append('(').append(m.group(3)).append(')');
        }
        return sb.toString();
    }
}
