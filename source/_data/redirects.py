"""Redirects from the addresses of the previous Backstage documentation.

The previous documentation lived under ``https://backstage.io/docs/``. Each key
below is one of its page paths (without ``/docs/`` and without a suffix); each
value is the docname of the page in this site that now answers the same need.
``conf.py`` turns the map into the relative URLs that sphinx-reredirects
writes into small redirect pages. Tests check that every target exists and that
no redirect hides a real page.
"""

from __future__ import annotations

import posixpath

MOVED: dict[str, str] = {
    # Overview
    "overview/what-is-backstage": "overview/technical-overview",
    "overview/background": "overview/technical-overview",
    "overview/architecture-overview": "overview/architecture/index",
    "overview/versioning-policy": "admin/upgrade/release-lines",
    "overview/adopting": "getting-started/evaluators",
    "overview/logos": "community/adopters",
    "overview/stability-index": "admin/upgrade/release-lines",
    # Getting started
    "getting-started/configure-app-with-plugins": "admin/plugins/index",
    "getting-started/config/database": "admin/database/postgresql",
    "getting-started/config/authentication": "admin/config/auth",
    "getting-started/keeping-backstage-updated": "admin/upgrade/upgrade",
    "getting-started/logging-in": "getting-started/developers",
    "getting-started/register-a-component": "developer/manage/add-component",
    "getting-started/create-a-component": "developer/manage/create-from-template",
    "getting-started/update-a-component": "developer/manage/update-metadata",
    "getting-started/unregister-delete-component": "developer/manage/retire",
    "getting-started/viewing-catalog": "developer/ui/catalog",
    "getting-started/filter-catalog": "developer/ui/catalog",
    "getting-started/search-catalog": "developer/ui/search",
    "getting-started/view-what-you-own": "developer/ui/relations-and-ownership",
    "getting-started/viewing-entity-relationships": "developer/ui/relations-and-ownership",
    # Deployment
    "deployment/index": "getting-started/admin/production-install",
    "deployment/docker": "admin/install/docker",
    "deployment/k8s": "admin/install/kubernetes",
    "deployment/heroku": "admin/install/heroku",
    "deployment/scaling": "admin/install/split-backend",
    "deployment/multiple-backends": "admin/install/split-backend",
    # Features
    "features/software-catalog/index": "overview/architecture/catalog-model",
    "features/software-catalog/system-model": "overview/architecture/catalog-model",
    "features/software-catalog/life-of-an-entity": "overview/architecture/catalog-model",
    "features/software-catalog/descriptor-format": "reference/catalog-entities",
    "features/software-catalog/well-known-annotations": "reference/annotations",
    "features/software-catalog/well-known-relations": "reference/relations",
    "features/software-templates/index": "developer/manage/create-from-template",
    "features/software-templates/writing-templates": "reference/template-format",
    "features/techdocs/index": "developer/manage/techdocs",
    "features/techdocs/troubleshooting": "reference/knowledge-base/techdocs-not-building",
    "features/search/index": "developer/ui/search",
    # Configuration and authentication
    "conf/index": "admin/config/index",
    "conf/writing": "admin/config/config-files",
    "auth/index": "admin/config/auth",
    "tutorials/switching-sqlite-postgres": "admin/database/postgresql",
    "tutorials/configuring-plugin-databases": "admin/database/plugin-division",
    "tutorials/manual-knex-rollback": "admin/database/migrations",
    # Framework and plugins
    "backend-system/index": "overview/architecture/backend",
    "frontend-system/index": "overview/architecture/frontend",
    "plugins/index": "integrator/index",
    "plugins/create-a-plugin": "getting-started/integrators",
    "plugins/backend-plugin": "integrator/backend-plugin",
    "plugins/proxying": "integrator/proxy",
    "plugins/testing": "integrator/run-and-test",
    "plugins/publish-private": "integrator/publish",
    "plugins/structure-of-a-plugin": "overview/architecture/plugins-and-packages",
    "permissions/overview": "integrator/permissions",
    "integrations/index": "integrator/integrations",
    # References and FAQ
    "references/glossary": "reference/glossary",
    "faq/index": "reference/knowledge-base/index",
    "faq/product": "reference/knowledge-base/index",
    "faq/technical": "reference/knowledge-base/index",
}


def relative_redirects(moved: dict[str, str] = MOVED, suffix: str = ".html") -> dict[str, str]:
    """The map in sphinx-reredirects' form: target URLs relative to each old page."""
    return {
        old: posixpath.relpath(new + suffix, posixpath.dirname(old) or ".")
        for old, new in moved.items()
    }


REDIRECTS = relative_redirects()
