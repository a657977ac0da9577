namespace ZkPot.Grains.Federation;

/// <summary>
/// A message on the link is one kind byte and its bytes: a participant's claim (self-authenticating: its signature and
/// proof) or a <see cref="ZkPot.Ledger.Federation.FederationMessage"/> (signed by the sending validator).
/// </summary>
public static class LinkFrame
{
    public static byte[] Of(byte kind, byte[] bytes)
    {
        var frame = new byte[bytes.Length + 1];
        frame[0] = kind;
        bytes.CopyTo(frame, 1);
        return frame;
    }

    /// <summary>The kind and bytes, or null for an empty frame.</summary>
    public static WireMessage? Parse(byte[] frame, string from = "") =>
        frame.Length < 2 ? null : new WireMessage { Kind = frame[0], Bytes = frame[1..], From = from };

    public static byte[] Of(WireMessage message) => Of(message.Kind, message.Bytes);
}
