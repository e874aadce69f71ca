package vn.attthub.identity;

import java.util.Optional;

/**
 * Circular 03/2017/TT-BTTTT Art 3: a "complex password" has more than 8 characters and mixes upper case,
 * lower case, digits and special characters. We also refuse the username inside the password.
 */
final class PasswordPolicy {
    static final int MIN_LENGTH = 9;

    private PasswordPolicy() {
    }

    /** The reason the password is refused (Vietnamese), or empty when it is acceptable. */
    static Optional<String> check(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Mật khẩu phải dài hơn 8 ký tự");
        }
        if (password.length() > 128) {
            return Optional.of("Mật khẩu không được dài quá 128 ký tự");
        }
        boolean upper = password.chars().anyMatch(Character::isUpperCase);
        boolean lower = password.chars().anyMatch(Character::isLowerCase);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        boolean special = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c));
        if (!(upper && lower && digit && special)) {
            return Optional.of("Mật khẩu phải có chữ hoa, chữ thường, chữ số và ký tự đặc biệt");
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase().contains(username.toLowerCase())) {
            return Optional.of("Mật khẩu không được chứa tên đăng nhập");
        }
        return Optional.empty();
    }
}
