using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.RequestPath.Assertions;

/// <summary>Puts <see cref="AssertionForwarding"/> on every route with a cluster, when Gateway:Assertion:Enabled.</summary>
internal sealed class AssertionTransformProvider(IOptions<AssertionOptions> options, AssertionIssuer issuer) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        if (options.Value.Enabled && context.Route.ClusterId is { Length: > 0 } cluster)
        {
            context.RequestTransforms.Add(new AssertionForwarding(issuer, cluster));
        }
    }
}
