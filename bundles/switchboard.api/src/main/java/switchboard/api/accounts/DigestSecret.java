package switchboard.api.accounts;

/**
 * The HTTP/SIP digest secrets of one account for one user name (its name or its extension): HA1, the
 * hex MD5 and SHA-256 of {@code username:realm:password} (RFC 7616, RFC 8760), computed when the
 * password was set. They let a registrar check digest responses without the plain password.
 */
public record DigestSecret(Account account, String username, String realm, String md5, String sha256) {}
