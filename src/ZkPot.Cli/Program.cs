using System.Runtime.CompilerServices;
using ZkPot.Cli;

// Dynamic code is unsupported only in the NativeAOT build: there, refuse what needs the JIT build before it half runs.
if (!RuntimeFeature.IsDynamicCodeSupported && NativeBuild.JitOnlyReason(args) is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 2;
}
return CommandLine.Run(args, Console.Out, Console.Error);
