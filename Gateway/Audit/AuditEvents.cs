namespace Gateway.Audit;

/// <summary>The names audit events are recorded under.</summary>
internal static class AuditEvents
{
    public const string UserRegistered = "user.registered";
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string Logout = "logout";
    public const string LogoutEverywhere = "logout.everywhere";
    public const string PasswordChanged = "password.changed";
    public const string RolesChanged = "user.roles_changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserDeleted = "user.deleted";
    public const string UserSignedOut = "user.signed_out";
    public const string PasswordSet = "user.password_set";
    public const string UserCreated = "user.created";
    public const string UsersImported = "users.imported";
    public const string SecondFactorEnrolled = "second_factor.enrolled";
    public const string SecondFactorDisabled = "second_factor.disabled";
    public const string SecondFactorReset = "second_factor.reset";
    public const string SecondFactorFailed = "login.second_factor_failed";
    public const string RecoveryCodeUsed = "login.recovery_code_used";

    /// <summary>The actor of changes made with the command line.</summary>
    public const string CommandLine = "cli";
}
