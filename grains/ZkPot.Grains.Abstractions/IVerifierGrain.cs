namespace ZkPot.Grains;

/// <summary>Stateless claim verification (signature, Groth16 proof, public-input binding); scales out on every silo.</summary>
public interface IVerifierGrain : IGrainWithIntegerKey
{
    /// <summary>Checks a canonical AccuracyClaim against the signer's Ed25519 key and the task's verifying key.</summary>
    Task<VerifyOutcome> Verify(byte[] claim, byte[] participantEd25519, TaskSpec task, string zkeyCid);
}
