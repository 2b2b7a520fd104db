package scot.cairn.tabulation;

/**
 * Who is asking: a client named by the API key it presented (keys are issued by the operator,
 * see {@link ApiKeys}), or an anonymous client known only by its network address. Quotas and
 * ownership are per client; the address of an anonymous client is never stored, only a salted
 * hash of it.
 *
 * @param apiKeyClient the name the operator gave the API key, or null when anonymous
 * @param address      the client's network address when anonymous, else null
 */
public record Client(String apiKeyClient, String address) {
    public Client {
        if ((apiKeyClient == null) == (address == null)) {
            throw new IllegalArgumentException("a client has either an API key name or an address");
        }
    }

    public static Client withApiKey(String name) {
        return new Client(name, null);
    }

    public static Client anonymous(String address) {
        return new Client(null, address);
    }

    public boolean isAnonymous() {
        return apiKeyClient == null;
    }
}
