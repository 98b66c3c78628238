namespace Gateway.RequestPath.Token;

/// <summary>Why a signed-in user was refused by the second-factor requirement, kept for the 403 answer.</summary>
internal enum SecondFactorRefusal
{
    None,

    /// <summary>A policy requires a second factor and the user has none: a page that links to enrolment.</summary>
    NotEnrolled,

    /// <summary>Gateway:SecondFactor:RequiredForAll and the user has none: browsers go to the enrolment page.</summary>
    MustEnrol,

    /// <summary>Enrolled, but this session's sign-in did not check the code: sign in again.</summary>
    SignInAgain,
}
