/**
 * Deliberately bad classes that prove each architecture rule can fail. Outside {@code vn.attthub}, so neither
 * Spring's component scan nor the real rules ever see them.
 */
package archfixtures;
