namespace ZkPot.Grains.Federation;

/// <summary>
/// A member's side of the federation link: the only way anything leaves a member. Members are addressed by their owner
/// name (a <see cref="NodeKeys.Owner"/>); what is sent is bytes, checked by the receiver, never trusted for who sent it.
/// </summary>
public interface IFederationLink
{
    /// <summary>Sends a message, without waiting or any promise that it arrives.</summary>
    void Post(string to, byte[] message);

    /// <summary>Asks another member; null when it refuses, does not answer in time, or the link loses the request or answer.</summary>
    Task<byte[]?> Request(string to, byte[] request, TimeSpan timeout);
}

/// <summary>What the link delivers to: a member's door (<see cref="IMemberGrain"/> on an honest member's cluster, or an adversary's own code).</summary>
public interface IFederationPeer
{
    /// <param name="from">The sending member, as the link knows it (never taken from the bytes).</param>
    Task Deliver(byte[] message, string from);

    Task<byte[]?> Answer(byte[] request);
}
