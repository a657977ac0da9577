namespace ZkPot.Grains;

/// <summary>A message for validators, with its sender's grain key (informational only) and (for an equivocator's split sends or a sync answer) its recipients.</summary>
[GenerateSerializer, Immutable, Alias("zkpot.wire-message")]
public sealed class WireMessage
{
    /// <summary>1: a participant's claim (canonical bytes); 16: a federation message (a consensus message signed by the sending validator).</summary>
    [Id(0)] public byte Kind { get; set; }
    [Id(1)] public byte[] Bytes { get; set; } = [];
    [Id(2)] public string From { get; set; } = "";
    /// <summary>Validator keys to deliver to; null for every validator but the sender.</summary>
    [Id(3)] public string[]? To { get; set; }
}
