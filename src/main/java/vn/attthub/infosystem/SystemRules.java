package vn.attthub.infosystem;

import vn.attthub.shared.InvalidInputException.FieldError;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules a system's record must meet on its own (without the database): required fields, the level inputs'
 * ranges (Decree 85/2016 Art 7-11), a go-live date for a system in operation, a provider for cloud and leased
 * services, and well-formed network exposure. Registry checks (owner role, scope, components) are in
 * {@link SystemRegistry}.
 */
final class SystemRules {
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final int MAX_LINKS = 200;
    static final int MAX_EXPOSURE = 200;

    private SystemRules() {
    }

    /** The normalised exposure lists, and every error found (field paths as in the JSON request). */
    record Checked(List<String> domains, List<String> ipRanges, List<FieldError> errors) {
    }

    static Checked check(SystemDraft d, UUID selfId, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        String code = SystemDraft.trimToNull(d.code());
        if (code == null) {
            errors.add(new FieldError("code", "Mã hệ thống là bắt buộc (code is required)."));
        } else if (!CODE.matcher(code).matches()) {
            errors.add(new FieldError("code", "Mã hệ thống chỉ gồm chữ không dấu, số, '.', '_' và '-', tối đa 64 ký tự, "
                    + "ví dụ HT-LAO-CAI-DVC (invalid code)."));
        }
        String name = SystemDraft.trimToNull(d.name());
        if (name == null) {
            errors.add(new FieldError("name", "Tên hệ thống là bắt buộc (name is required)."));
        } else if (name.length() > 300) {
            errors.add(new FieldError("name", "Tên hệ thống tối đa 300 ký tự (name too long)."));
        }
        if (d.description() != null && d.description().length() > 4000) {
            errors.add(new FieldError("description", "Mô tả tối đa 4000 ký tự (description too long)."));
        }
        if (d.ownerId() == null) {
            errors.add(new FieldError("ownerId", "Chủ quản hệ thống là bắt buộc (Nghị định 85/2016 Điều 3.1, 5.1) "
                    + "(ownerId is required)."));
        }
        if (d.operatorId() == null) {
            errors.add(new FieldError("operatorId", "Đơn vị vận hành là bắt buộc (Nghị định 85/2016 Điều 3.3) "
                    + "(operatorId is required)."));
        }
        if (d.systemType() == null) {
            errors.add(new FieldError("systemType", "Loại hệ thống là bắt buộc (Nghị định 85/2016 Điều 6.2) "
                    + "(systemType is required)."));
        }
        if (d.informationTypes().isEmpty()) {
            errors.add(new FieldError("informationTypes", "Chọn ít nhất một loại thông tin được xử lý "
                    + "(Nghị định 85/2016 Điều 6.1) (at least one information type)."));
        } else if (d.informationTypes().contains(null)) {
            errors.add(new FieldError("informationTypes", "Loại thông tin không hợp lệ (invalid information type)."));
        }
        LevelCriteria c = d.levelInputs();
        if (c.onlinePublicServiceLevel() != null
                && (c.onlinePublicServiceLevel() < 0 || c.onlinePublicServiceLevel() > 4)) {
            errors.add(new FieldError("levelInputs.onlinePublicServiceLevel", "Mức độ dịch vụ công trực tuyến từ 0 "
                    + "(không có) đến 4 (must be 0-4)."));
        }
        if (c.personalDataSubjects() != null && c.personalDataSubjects() < 0) {
            errors.add(new FieldError("levelInputs.personalDataSubjects", "Số người dùng có thông tin riêng/cá nhân "
                    + "được xử lý không được âm (must not be negative)."));
        }
        if (d.lifecycle() == null) {
            errors.add(new FieldError("lifecycle", "Trạng thái vòng đời là bắt buộc (lifecycle is required)."));
        } else if ((d.lifecycle() == Lifecycle.OPERATING || d.lifecycle() == Lifecycle.RETIRED)
                && d.goLiveDate() == null) {
            errors.add(new FieldError("goLiveDate", "Hệ thống đang vận hành hoặc đã dừng phải có ngày đưa vào vận "
                    + "hành (goLiveDate is required once the system has gone live)."));
        } else if (d.lifecycle() == Lifecycle.OPERATING && d.goLiveDate() != null && d.goLiveDate().isAfter(today)) {
            errors.add(new FieldError("goLiveDate", "Hệ thống đang vận hành không thể có ngày đưa vào vận hành trong "
                    + "tương lai (goLiveDate is in the future)."));
        }
        if (d.goLiveDate() != null && d.goLiveDate().getYear() < 1990) {
            errors.add(new FieldError("goLiveDate", "Ngày đưa vào vận hành không hợp lệ (goLiveDate before 1990)."));
        }
        String providerName = SystemDraft.trimToNull(d.hostingProviderName());
        if (d.hosting() == null) {
            errors.add(new FieldError("hosting", "Hình thức triển khai là bắt buộc (hosting is required)."));
        } else if (d.hosting().requiresProvider() && d.hostingProviderId() == null && providerName == null) {
            errors.add(new FieldError("hostingProviderId", "Dịch vụ đám mây hoặc thuê dịch vụ phải nêu nhà cung cấp "
                    + "(cơ quan trong danh bạ hoặc tên) (a provider is required)."));
        } else if (!d.hosting().allowsProvider() && (d.hostingProviderId() != null || providerName != null)) {
            errors.add(new FieldError("hostingProviderId", "Hệ thống triển khai tại chỗ không có nhà cung cấp "
                    + "hạ tầng (no provider for on-premises hosting)."));
        }
        if (d.hostingProviderId() != null && providerName != null) {
            errors.add(new FieldError("hostingProviderName", "Chỉ nêu một trong hai: cơ quan cung cấp hoặc tên nhà "
                    + "cung cấp (give the provider agency or its name, not both)."));
        }
        if (providerName != null && providerName.length() > 200) {
            errors.add(new FieldError("hostingProviderName", "Tên nhà cung cấp tối đa 200 ký tự (too long)."));
        }
        links(d.componentIds(), "componentIds", selfId, errors);
        links(d.connectedSystemIds(), "connectedSystemIds", selfId, errors);
        Set<String> domains = new LinkedHashSet<>();
        if (d.domains().size() > MAX_EXPOSURE) {
            errors.add(new FieldError("domains", "Tối đa " + MAX_EXPOSURE + " tên miền (too many)."));
        } else {
            for (int i = 0; i < d.domains().size(); i++) {
                try {
                    domains.add(NetworkExposure.domain(d.domains().get(i)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("domains[" + i + "]", e.getMessage()));
                }
            }
        }
        Set<String> ranges = new LinkedHashSet<>();
        if (d.publicIpRanges().size() > MAX_EXPOSURE) {
            errors.add(new FieldError("publicIpRanges", "Tối đa " + MAX_EXPOSURE + " dải IP (too many)."));
        } else {
            for (int i = 0; i < d.publicIpRanges().size(); i++) {
                try {
                    ranges.add(NetworkExposure.ipRange(d.publicIpRanges().get(i)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("publicIpRanges[" + i + "]", e.getMessage()));
                }
            }
        }
        return new Checked(List.copyOf(domains), List.copyOf(ranges), errors);
    }

    private static void links(List<UUID> ids, String field, UUID selfId, List<FieldError> errors) {
        if (ids.size() > MAX_LINKS) {
            errors.add(new FieldError(field, "Tối đa " + MAX_LINKS + " hệ thống (too many)."));
            return;
        }
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            if (id == null) {
                errors.add(new FieldError(field + "[" + i + "]", "Thiếu mã định danh hệ thống (missing id)."));
            } else if (id.equals(selfId)) {
                errors.add(new FieldError(field + "[" + i + "]", "Hệ thống không thể liên kết với chính nó "
                        + "(a system cannot refer to itself)."));
            } else if (!seen.add(id)) {
                errors.add(new FieldError(field + "[" + i + "]", "Hệ thống bị lặp lại (duplicate)."));
            }
        }
    }
}
