namespace ZkPot.Grains;

/// <summary>
/// A member's door to the federation for one task (key: task id hex), on the member's own cluster: it takes what other
/// members post (<see cref="Deliver"/>), answers their signed requests (<see cref="Answer"/>), and on its own timer
/// steps its validator, posts what it sends, keeps the chain replica and has its participant claim each new height.
/// Nothing else of the member is reachable from outside.
/// </summary>
public interface IMemberGrain : IGrainWithStringKey
{
    /// <summary>Starts (or, after a restart, resumes) the member's work on the task; idempotent.</summary>
    Task Start(MemberSetup setup);

    /// <summary>
    /// A frame from member <paramref name="from"/> (as the link authenticated it); queued (bounded) and checked by the
    /// validator's inbox when stepped. Dropped before the member is started, refused when a federation message's signer
    /// is not of that member.
    /// </summary>
    [AlwaysInterleave]
    Task Deliver(byte[] message, string from);

    /// <summary>A signed request of another member (an opening sealed to the requester, or a blob); null when refused or not held.</summary>
    [AlwaysInterleave]
    Task<byte[]?> Answer(byte[] request);

    [AlwaysInterleave]
    Task<MemberStatus> Status();
}

/// <summary>What a member needs to take part in a task: its participant (whose keys it signs with) and the validators' public keys and addresses.</summary>
[GenerateSerializer, Alias("zkpot.member-setup")]
public sealed class MemberSetup
{
    [Id(0)] public ValidatorSetup Validator { get; set; } = new();
    /// <summary>This member's participant (and validator) key.</summary>
    [Id(1)] public string Participant { get; set; } = "";
    /// <summary>How often the member's timer looks at its validator's deadlines and the queue.</summary>
    [Id(2)] public int TickMs { get; set; } = 50;
}

/// <summary>Where a member stands: its chain height, its validator's height and view, and what it refused.</summary>
[GenerateSerializer, Alias("zkpot.member-status")]
public sealed class MemberStatus
{
    [Id(0)] public long ChainHeight { get; set; }
    [Id(1)] public long Height { get; set; }
    [Id(2)] public int View { get; set; }
    [Id(3)] public int Refused { get; set; }
    [Id(4)] public List<string> Problems { get; set; } = [];
    [Id(5)] public int Dropped { get; set; }
}
