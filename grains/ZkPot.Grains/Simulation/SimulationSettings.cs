namespace ZkPot.Grains.Simulation;

/// <summary>One simulation: participants (every one a validator), how many are Byzantine and how, rounds, model and batch size, seed.</summary>
public sealed record SimulationSettings
{
    public int Participants { get; init; } = 4;
    public int Byzantine { get; init; }
    public string Attack { get; init; } = "none";
    public int Rounds { get; init; } = 2;
    public int Hidden { get; init; } = 8;
    public int TestSamples { get; init; } = TaskSpec.DefaultTestSamples;
    public long Seed { get; init; } = 1;
    public int TrainSamplesPerParticipant { get; init; } = 1000;
    public int LocalEpochs { get; init; } = 1;
    public float LearningRate { get; init; } = 0.01f;
    /// <summary>Silos the participants' owners are spread over (participant i belongs to owner{i mod Silos}).</summary>
    public int Silos { get; init; } = 1;
    public TimeSpan ClaimDeadline { get; init; } = TimeSpan.FromMinutes(5);
    public string? DataDirectory { get; init; }
    /// <summary>Participants who contribute to the setup ceremony (the first ones); all of them by default.</summary>
    public int? CeremonyContributors { get; init; }
    /// <summary>A prepared public .ptau for phase 1 (then only phase 2 runs among the members); null: the members run phase 1.</summary>
    public string? PtauPath { get; init; }
    /// <summary>UNSAFE: a development key instead of a ceremony (the genesis and the chain say so).</summary>
    public bool DevSetup { get; init; }
    /// <summary>The public value of the beacon that closes the members' phase 1; null: a hash of the phase-1 transcript (a stand-in, see docs/SETUP.md).</summary>
    public byte[]? Beacon { get; init; }
    /// <summary>Where the members' prepared phase 1 is kept between runs; null: $ZKPOT_CACHE, else $XDG_CACHE_HOME/zkpot, else ~/.cache/zkpot.</summary>
    public string? CacheDirectory { get; init; }
    /// <summary>Participants (by index) that run outside the cluster (`zkpot participant`): rounds wait until each has attached.</summary>
    public IReadOnlySet<int> Outside { get; init; } = new HashSet<int>();
    /// <summary>How long the rounds wait for the outside participants to attach.</summary>
    public TimeSpan AttachTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
