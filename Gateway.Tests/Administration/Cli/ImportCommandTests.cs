using System.Net;
using System.Net.Http.Json;

using Gateway.Accounts;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Administration.Cli;

/// <summary><c>users import FILE --format sha256-hex ...</c>, as a process, on files as mongoexport writes them.</summary>
public sealed class ImportCommandTests
{
    // hashlib.sha256(pw.encode("utf-8")).hexdigest() of the passwords below, as a Flask app stored them.
    private const string BobPassword = "password";
    private const string BobDigest = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";
    private const string CarolPassword = "비밀번호1234";

    private static readonly string[] FlaskFields =
    [
        "--format", "sha256-hex", "--username-field", "id", "--password-field", "pw", "--display-name-field", "profile.nick",
        "--role-field", "admin",
    ];

    private static string CarolDigest => LegacyDigest.Sha256Hex(CarolPassword);

    private static string Bob => $$"""{"_id":{"$oid":"64b7f0c2a1e4b5c6d7e8f901"},"id":"bob","pw":"{{BobDigest}}","profile":{"nick":"Bob B"},"admin":true}""";

    // Canonical Extended JSON, an upper-case digest and a 0/1 flag: all as mongoexport or a legacy app may write them.
    private static string Carol => $$$"""{"_id":{"$oid":"64b7f0c2a1e4b5c6d7e8f902"},"id":"carol","pw":"{{{CarolDigest.ToUpperInvariant()}}}","admin":{"$numberInt":"0"}}""";

    [Fact]
    public async Task Import_MongoexportFile_AddsUsersWithNestedDisplayNamesAndRoles()
    {
        var cli = await GatewayCli.CreateAsync();
        var file = await WriteAsync("users.json", Bob, "", Carol);

        var import = await cli.RunAsync(["users", "import", file, .. FlaskFields]);
        var list = await cli.RunAsync("users", "list");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal("Imported users.json: 2 added, 0 skipped (already imported), 0 rejected.", import.Output.Trim());
        Assert.Matches(@"bob\s+Bob B\s+admin\s+active", list.Output);
        Assert.Matches(@"carol\s+carol\s+-\s+active", list.Output);
        var stored = UserDatabase.PasswordHash(cli.DataPath, "bob")!;
        Assert.StartsWith(PasswordHashing.LayeredPrefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(BobDigest, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(BobDigest, import.Output + import.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Import_BadLines_ImportsNothingAndNamesEachLine()
    {
        var cli = await GatewayCli.CreateAsync();
        var file = await WriteAsync("users.json",
            Bob,
            """{"id":"dave","pw":"5e88"}""",
            "{not json",
            Carol.Replace("carol", "x!", StringComparison.Ordinal));

        var import = await cli.RunAsync(["users", "import", file, .. FlaskFields]);

        Assert.Equal(1, import.ExitCode);
        Assert.Equal(
        [
            "error: users.json:2: the field 'pw' of dave is not a SHA-256 digest (64 hexadecimal characters).",
            "error: users.json:3: not valid JSON (at character 2).",
            "error: users.json:4: the username 'x!' is refused: Usernames are 3 to 64 characters long.",
            "error: nothing imported: 3 of 4 records rejected. Fix them, or pass --skip-invalid to import the others.",
        ], import.ErrorLines);
        Assert.EndsWith("0 users", (await cli.RunAsync("users", "list")).Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_TakenUsername_ImportsNothingUnlessSkipInvalid()
    {
        var cli = await GatewayCli.CreateAsync();
        Assert.Equal(0, (await cli.RunWithInputAsync(TestUsers.Password, "users", "add", "Carol", "--password-stdin")).ExitCode);
        var file = await WriteAsync("users.json", Bob, Carol);

        var refused = await cli.RunAsync(["users", "import", file, .. FlaskFields]);
        var skipping = await cli.RunAsync(["users", "import", file, .. FlaskFields, "--skip-invalid"]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("error: users.json:2: the username 'carol' is taken by a user who was not imported.", refused.ErrorLines);
        Assert.Equal(0, skipping.ExitCode);
        Assert.Equal("Imported users.json: 1 added, 0 skipped (already imported), 1 rejected.", skipping.Output.Trim());
        Assert.Equal(["rejected users.json:2: the username 'carol' is taken by a user who was not imported."], skipping.ErrorLines);
        Assert.Equal(1, UserDatabase.CountByUsername(cli.DataPath, "bob"));
    }

    [Fact]
    public async Task Import_SkipInvalidThenSameFileAgain_ImportsTheGoodLinesOnceAndChangesNothing()
    {
        var cli = await GatewayCli.CreateAsync();
        var file = await WriteAsync("users.json", Bob, "[]", Carol);

        var first = await cli.RunAsync(["users", "import", file, .. FlaskFields, "--skip-invalid"]);
        var hashes = (UserDatabase.PasswordHash(cli.DataPath, "bob"), UserDatabase.PasswordHash(cli.DataPath, "carol"));
        var again = await cli.RunAsync(["users", "import", file, .. FlaskFields, "--skip-invalid"]);

        Assert.Equal("Imported users.json: 2 added, 0 skipped (already imported), 1 rejected.", first.Output.Trim());
        Assert.Equal(["rejected users.json:2: not a JSON object (mongoexport writes one document per line)."], first.ErrorLines);
        Assert.Equal("Imported users.json: 0 added, 2 skipped (already imported), 1 rejected.", again.Output.Trim());
        Assert.Equal(hashes, (UserDatabase.PasswordHash(cli.DataPath, "bob"), UserDatabase.PasswordHash(cli.DataPath, "carol")));
        Assert.Equal(1, UserDatabase.CountByUsername(cli.DataPath, "bob"));
    }

    [Fact]
    public async Task Import_Csv_ReadsQuotedFieldsAndRoleLists()
    {
        var cli = await GatewayCli.CreateAsync();
        var file = await WriteAsync("export.csv",
            "username,password,displayName,roles",
            $"bob,{BobDigest},\"Bob, \"\"the builder\"\"\",admin;editor",
            $"carol,{CarolDigest},,",
            $"dave,{BobDigest},Dave");

        var import = await cli.RunAsync("users", "import", file, "--format", "sha256-hex", "--role-field", "roles", "--skip-invalid");
        var list = await cli.RunAsync("users", "list");

        Assert.Equal("Imported export.csv: 2 added, 0 skipped (already imported), 1 rejected.", import.Output.Trim());
        Assert.Equal(["rejected export.csv:4: 3 fields where the header row names 4."], import.ErrorLines);
        Assert.Matches("bob\\s+Bob, \"the builder\"\\s+admin,editor", list.Output);
        Assert.Matches(@"carol\s+carol\s+-", list.Output);
    }

    [Fact]
    public async Task Import_NoFormatOrMissingFile_ExitsOneWithOneLine()
    {
        var cli = await GatewayCli.CreateAsync();
        var file = await WriteAsync("users.json", Bob);

        var noFormat = await cli.RunAsync("users", "import", file);
        var otherFormat = await cli.RunAsync("users", "import", file, "--format", "md5-hex");
        var missing = await cli.RunAsync("users", "import", file + ".missing", "--format", "sha256-hex");

        Assert.Equal((1, "error: Say how the passwords are hashed: --format sha256-hex (hex SHA-256 of the password)."),
            (noFormat.ExitCode, Assert.Single(noFormat.ErrorLines)));
        Assert.Equal(1, otherFormat.ExitCode);
        Assert.Contains("Unknown --format 'md5-hex'", Assert.Single(otherFormat.ErrorLines), StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("does not exist", Assert.Single(missing.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FileOverTheSizeLimit_ExitsOneWithOneLineAndImportsNothing()
    {
        var cli = await GatewayCli.CreateAsync();
        // 1.1 GB, sparse: it takes no room on disk, but reading it whole would not fit in memory.
        var path = Path.Combine(TempFolder.Create("import-large"), "users.json");
        using (var file = File.Create(path))
        {
            file.SetLength(1_100_000_000);
        }

        var import = await cli.RunAsync(["users", "import", path, .. FlaskFields]);

        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.Equal(
            "error: users.json is larger than 64 MiB, the most one import reads: split it into parts (JSON lines: " +
            "split -l 200000 users.json part-; CSV: the header row first in each part) and import each part.",
            Assert.Single(import.ErrorLines));
        Assert.EndsWith("0 users", (await cli.RunAsync("users", "list")).Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_EndlessStream_StopsAtTheSizeLimitWithOneLine()
    {
        var cli = await GatewayCli.CreateAsync();

        // A device or a pipe (bash's <(zcat users.json.gz)) has no size to check first: the limit applies as it is read.
        var import = await cli.RunAsync(["users", "import", "/dev/zero", .. FlaskFields]);

        Assert.True(import.ExitCode == 1, import.ToString());
        Assert.StartsWith("error: zero is larger than 64 MiB, the most one import reads", Assert.Single(import.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FromAPipe_ReadsEveryRecord()
    {
        var cli = await GatewayCli.CreateAsync();
        var pipe = Path.Combine(TempFolder.Create("import-pipe"), "users.csv");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [pipe]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        // Written in pieces, so the reader meets a pipe that is momentarily empty, as with a slow zcat.
        var writer = Task.Run(async () =>
        {
            await using var stream = new FileStream(pipe, FileMode.Open, FileAccess.Write);
            foreach (var piece in new[] { "\n\nusername,password\n", $"bob,{BobDigest}\n", $"\"carol\",{CarolDigest}\n" })
            {
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(piece));
                await stream.FlushAsync();
            }
        });
        var import = await cli.RunAsync("users", "import", pipe, "--format", "sha256-hex");
        if (!writer.IsCompleted)
        {
            // The command ended without opening the pipe: open it here, so the writer is not left waiting for a reader.
            await using var drain = new FileStream(pipe, FileMode.Open, FileAccess.Read);
            await drain.CopyToAsync(Stream.Null);
        }

        await writer;

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal("Imported users.csv: 2 added, 0 skipped (already imported), 0 rejected.", import.Output.Trim());
    }

    [Fact]
    public async Task FirstLogin_ImportedUser_SignsInWithTheOldPasswordAndIsRehashed()
    {
        await using var backend = await SampleBackendServer.StartAsync();
        await using var gateway = await GatewayServer.StartAsync(backend.Address);
        using var client = gateway.CreateClient();
        var import = await GatewayCli.For(gateway).RunAsync(["users", "import", await WriteAsync("users.json", Bob, Carol), .. FlaskFields]);
        Assert.True(import.ExitCode == 0, import.ToString());

        using var wrong = await client.PostAsJsonAsync("/auth/login", new { username = "carol", password = BobPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.StartsWith(PasswordHashing.LayeredPrefix, UserDatabase.PasswordHash(gateway.DataPath, "carol"), StringComparison.Ordinal);

        var token = await TestUsers.LoginAsync(client, "carol", CarolPassword);

        var rehashed = UserDatabase.PasswordHash(gateway.DataPath, "carol")!;
        Assert.False(PasswordHashing.IsLayered(rehashed));
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", rehashed, StringComparison.Ordinal);
        Assert.NotEmpty(token);
        Assert.NotEmpty(await TestUsers.LoginAsync(client, "carol", CarolPassword));
        Assert.Equal(rehashed, UserDatabase.PasswordHash(gateway.DataPath, "carol"));
    }

    private static async Task<string> WriteAsync(string name, params string[] lines)
    {
        var path = Path.Combine(TempFolder.Create("import"), name);
        await File.WriteAllTextAsync(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
