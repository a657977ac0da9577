namespace ZkPot.Grains;

/// <summary>
/// The coordinator of a task's trusted setup (key: task id hex). It computes nothing secret: contributors compute
/// their contributions on their own silos (<see cref="IContributorGrain"/>) and hand back the files; the coordinator
/// checks each against the file it extends, chains the good ones and records the bad ones with the check they failed,
/// applies the public beacon and prepares phase 2 (both deterministic, anyone can redo them), and finally verifies the
/// whole key against the powers of tau and publishes the transcript the genesis block commits to.
/// </summary>
public interface ICeremonyGrain : IGrainWithStringKey
{
    /// <summary>Starts the ceremony (idempotent for the same plan).</summary>
    Task Begin(CeremonyPlan plan);

    /// <summary>The content id of the file the next contribution of the current phase extends (.ptau in phase 1, .zkey in phase 2).</summary>
    Task<string> CurrentFile();

    /// <summary>Checks and chains a contribution of the current phase; a contributor is heard once per phase (a repeat gets the first verdict).</summary>
    Task<ContributionVerdict> Submit(string contributor, string cid);

    /// <summary>Phase 1 among members: applies the beacon, prepares the file for phase 2, makes the initial key; returns the prepared file's content id.</summary>
    Task<string> SealPhase1(byte[] beacon, int iterationsExponent);

    /// <summary>Verifies the final key from scratch against the prepared powers of tau and returns it with the transcript.</summary>
    Task<CeremonyResult> Finish();

    /// <summary>The content id of the initial key (delta = 1) phase 2 started from; empty for a development setup.</summary>
    Task<string> InitialKey();
}

/// <summary>Where phase 1 comes from and who the task is.</summary>
[GenerateSerializer, Immutable, Alias("zkpot.ceremony-plan")]
public sealed class CeremonyPlan
{
    [Id(0)] public TaskSpec Task { get; set; } = new();
    /// <summary>members, public-ptau or development (CeremonyTranscript's sources).</summary>
    [Id(1)] public string Source { get; set; } = "members";
    /// <summary>For public-ptau, or members reusing their earlier phase 1: the prepared file's content id.</summary>
    [Id(2)] public string PtauCid { get; set; } = "";
    /// <summary>For members reusing their earlier phase 1: that ceremony's transcript (its phase-1 records and beacon are carried over).</summary>
    [Id(3)] public byte[] Phase1Transcript { get; set; } = [];
    /// <summary>
    /// Optional: the content id of the initial key (delta = 1) for this circuit and file, made by an earlier run. It is a
    /// public function of the two, so it is not trusted: Finish recomputes what it must from the file and checks it.
    /// </summary>
    [Id(4)] public string InitialKeyCid { get; set; } = "";
}

/// <summary>The coordinator's verdict on one contribution: accepted, or the check it failed.</summary>
[GenerateSerializer, Immutable, Alias("zkpot.contribution-verdict")]
public sealed class ContributionVerdict
{
    [Id(0)] public bool Accepted { get; set; }
    [Id(1)] public string Check { get; set; } = "";
    /// <summary>The contribution's hash (response hash in phase 1, snarkjs's contribution hash in phase 2) when accepted.</summary>
    [Id(2)] public string Hash { get; set; } = "";
}

/// <summary>The verified key and the transcript (content ids), and the transcript's SHA-256 for the genesis block.</summary>
[GenerateSerializer, Immutable, Alias("zkpot.ceremony-result")]
public sealed class CeremonyResult
{
    [Id(0)] public string ZKeyCid { get; set; } = "";
    [Id(1)] public string TranscriptCid { get; set; } = "";
    [Id(2)] public byte[] TranscriptHash { get; set; } = [];
    [Id(3)] public string PtauCid { get; set; } = "";
}
