using ZkPot.Grains.Simulation;

namespace ZkPot.Cluster.Tests;

/// <summary>Simulation settings small enough for cluster tests: a 4-unit hidden layer, an 8-sample proof batch, no phase-2 contributions.</summary>
public static class SmallSimulation
{
    public static SimulationSettings Settings(int participants, int byzantine, string attack, int rounds, int silos) => new()
    {
        Participants = participants, Byzantine = byzantine, Attack = attack, Rounds = rounds, Silos = silos,
        Hidden = 4, TestSamples = 8, Seed = 7, TrainSamplesPerParticipant = 600, CeremonyContributors = 0,
    };

    /// <summary>A fresh directory under the temp folder for an exported chain.</summary>
    public static string ChainDirectory() => Path.Combine(Path.GetTempPath(), "zkpot-cluster-" + Guid.NewGuid().ToString("N"));
}
