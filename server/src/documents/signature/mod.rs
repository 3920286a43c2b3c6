//! Who signed an uploaded PDF and whether to believe them: the CMS signature's own check, the
//! signer's certificate and its chain to a trust anchor the server was given.

pub mod algorithm;
pub mod chain;
pub mod cms_signer;
pub mod trust_anchors;
