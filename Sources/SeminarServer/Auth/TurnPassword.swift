import Crypto
import Foundation

/// The password coturn expects for a `use-auth-secret` username: base64(HMAC-SHA1(secret, username)). SHA-1 because
/// that is what the relay computes (the TURN REST API draft); as an HMAC key check it is not the weak use of SHA-1.
public enum TurnPassword {
    public static func make(username: String, secret: String) -> String {
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(username.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }
}
