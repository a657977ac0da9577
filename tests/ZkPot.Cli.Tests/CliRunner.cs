namespace ZkPot.Cli.Tests;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static string TempDir() => Directory.CreateTempSubdirectory("zkpot-cli-").FullName;
}
