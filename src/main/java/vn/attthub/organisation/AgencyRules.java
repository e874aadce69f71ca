package vn.attthub.organisation;

import vn.attthub.shared.InvalidInputException.FieldError;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of the agency tree, free of any database: a code and a Vietnamese name are required, the kind is known,
 * validity runs forwards, the parent is in force on the day the agency starts, and an agency never sits under its
 * own subtree (no cycles). Field paths follow the JSON API.
 */
public final class AgencyRules {
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_NAME = 500;

    private AgencyRules() {
    }

    /**
     * @param draft  the proposed fields (validFrom already defaulted)
     * @param parent the proposed parent, or null for a root
     * @param self   the agency being changed, or null when creating
     */
    public static List<FieldError> check(AgencyDraft draft, Agency parent, Agency self) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.code() == null || draft.code().isBlank()) {
            errors.add(new FieldError("code", "Mã cơ quan là bắt buộc (code is required)."));
        } else if (!CODE.matcher(draft.code().strip()).matches()) {
            errors.add(new FieldError("code", "Mã chỉ gồm chữ không dấu, số, '.', '_', '-' và tối đa 64 ký tự "
                    + "(letters, digits, . _ -; at most 64)."));
        }
        if (draft.name() == null || draft.name().isBlank()) {
            errors.add(new FieldError("name", "Tên tiếng Việt là bắt buộc (name is required)."));
        } else if (draft.name().length() > MAX_NAME) {
            errors.add(new FieldError("name", "Tên quá dài (at most " + MAX_NAME + " characters)."));
        }
        if (draft.nameEn() != null && draft.nameEn().length() > MAX_NAME) {
            errors.add(new FieldError("nameEn", "Tên tiếng Anh quá dài (at most " + MAX_NAME + " characters)."));
        }
        if (draft.kind() == null || draft.kind().isBlank()) {
            errors.add(new FieldError("kind", "Loại cơ quan là bắt buộc (kind is required)."));
        } else if (AgencyKind.parse(draft.kind()) == null) {
            errors.add(new FieldError("kind", "Loại cơ quan không hợp lệ '" + draft.kind() + "'; expected one of "
                    + java.util.Arrays.toString(AgencyKind.values())));
        }
        if (draft.validFrom() == null) {
            errors.add(new FieldError("validFrom", "Ngày hiệu lực là bắt buộc (validFrom is required)."));
        } else if (draft.validTo() != null && draft.validTo().isBefore(draft.validFrom())) {
            errors.add(new FieldError("validTo", "Ngày hết hiệu lực phải từ ngày hiệu lực trở đi "
                    + "(validTo must not be before validFrom)."));
        }
        if (parent != null) {
            if (self != null && parent.path().contains("/" + self.id() + "/")) {
                errors.add(new FieldError("parentId", "Không thể chuyển cơ quan vào chính nó hoặc đơn vị cấp dưới "
                        + "của nó (the parent would create a cycle)."));
            } else if (draft.validFrom() != null && !parent.validOn(draft.validFrom())) {
                errors.add(new FieldError("parentId", "Cơ quan cấp trên không có hiệu lực vào ngày " +
                        Dates.display(draft.validFrom()) + " (the parent is not valid on validFrom)."));
            }
        }
        return errors;
    }
}
