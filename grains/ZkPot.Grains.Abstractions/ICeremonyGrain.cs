namespace ZkPot.Grains;

/// <summary>Multi-party Groth16 phase-2 setup of a task's proving key (key: task id hex): development phase 1, one contribution per participant, each verified.</summary>
public interface ICeremonyGrain : IGrainWithStringKey
{
    /// <summary>Starts the ceremony with the phase-1 (development) key; idempotent.</summary>
    Task<string> Begin(TaskSpec task);

    /// <summary>Adds one contribution named after the contributor; returns the new key's content id. A contributor contributes once.</summary>
    Task<string> Contribute(string contributor);

    /// <summary>Verifies the whole contribution chain and returns the final key's content id; throws if any check fails.</summary>
    Task<string> Finish();
}
