namespace ZkPot.Grains.State;

/// <summary>A participant's persisted state: setup and the latest round's claim and update, so retries return the same claim (no key: keys stay in the member's key store).</summary>
[GenerateSerializer, Alias("zkpot.participant-state")]
public sealed class ParticipantState
{
    [Id(0)] public ParticipantSetup? Setup { get; set; }
    [Id(1)] public long Round { get; set; } = -1;
    [Id(2)] public ClaimSubmission? Submission { get; set; }
    /// <summary>The round's model opening (<see cref="ZkPot.Circuits.ModelOpening"/> encoding): integer values and mask.</summary>
    [Id(3)] public byte[] Opening { get; set; } = [];
    /// <summary>The round's claim was made by an outside worker, which keeps the update until it seals it to the leader.</summary>
    [Id(6)] public bool MadeOutside { get; set; }
}
