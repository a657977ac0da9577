namespace ZkPot.Grains;

/// <summary>A consensus message in its canonical encoding, with its sender and (for an equivocator's split sends) its recipients.</summary>
[GenerateSerializer, Immutable, Alias("zkpot.wire-message")]
public sealed class WireMessage
{
    /// <summary>1 claim, 2 proposal, 3 vote, 4 decision, 5 block-sync request (requester id, height u64 LE).</summary>
    [Id(0)] public byte Kind { get; set; }
    [Id(1)] public byte[] Bytes { get; set; } = [];
    [Id(2)] public string From { get; set; } = "";
    /// <summary>Validator keys to deliver to; null for every validator but the sender.</summary>
    [Id(3)] public string[]? To { get; set; }
}
