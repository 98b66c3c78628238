using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.RequestPath.Identity;

/// <summary>Puts <see cref="IdentityForwarding"/> on every route, public ones included.</summary>
internal sealed class IdentityTransformProvider(IdentityForwarding forwarding) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.RequestTransforms.Add(forwarding);
}
