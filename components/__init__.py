"""Streamlit building blocks of the ActorGraph dashboard.

Everything that imports Streamlit lives here (plus ``app.py`` and ``pages/``); the engine in
``actorgraph/`` never does. ``state.py`` names every session-state key, ``cache.py`` holds every
``st.cache_*`` call, and the other modules each draw one part of a page.

The pages (``pages/*.py``) compose these parts; nothing here imports them. A component that
links to a page takes its ``st.Page`` as an argument (``pages.page(name)`` builds it). Why each
page module ends with a ``__main__`` guard: see ``pages/__init__.py``.

Hooks for browser tests (``streamlit run app.py``; keys become ``st-key-*`` classes, ``:`` → ``-``)
    reference article   button "Try the reference article" (``.st-key-ag_try_reference button``)
    file input          ``.st-key-ag_upload input[type=file]``; once an article is shown it sits
                        in the expander "Analyse another article" (``set_input_files`` works
                        while it is collapsed)
    paste               ``.st-key-ag_paste textarea`` and button "Analyse text"
    error               ``[data-testid=stAlertContentError]`` under the inputs
    counts              ``.st-key-ag_overview [data-testid=stMetric]`` (Actors, Relations, …)
    graph               ``iframe[title="Graph of the actors of the article and their relations"]``
                        inside ``.st-key-ag_graph``; in the frame: ``#mynetwork canvas`` and the
                        global ``network`` (vis.Network): ``network.canvasToDOM(
                        network.getPositions([id])[id])`` is where node ``id`` is drawn;
                        ``window.agFitted`` is true once the first view is fitted
    click bridge        ``.st-key-ag_graph_bridge`` (shows the one-line hint); it takes clicks on
                        nodes and edges and the positions of dragged actors
    re-lay out          ``.st-key-ag_relayout button``
    filters (sidebar)   ``.st-key-w-ag-f-countries`` (options read "Name (n)"), ``-relations``,
                        ``-types``, ``-min_evidence``, ``-hide_isolated``, ``-focus``, ``-depth``,
                        ``-search``; button "Reset filters"
    details panel       ``.st-key-ag_details``: picker ``.st-key-w-ag-selected``, the actor card
                        and the link lists (``details.ag-link``, evidence ``mark`` elements), or
                        after a click on an edge the relation (``.ag-relation-card``, sentences in
                        ``.ag-evidence``) with buttons to either actor (``.st-key-ag_show_actor_0``)
    downloads           sidebar expander "Download the filtered graph" (``.st-key-ag_dl_sidebar-*``)
    corrections         in the details: expander "Correct this actor" in ``.st-key-ag_correct_actor``
                        (``.st-key-ag_corr_merge-<id>``, ``-ag_corr_link-<id>`` selectboxes,
                        ``.st-key-ag_corr_link_label-<id>`` labels); a relation's in
                        ``.st-key-ag_correct_relation``; the list in the sidebar expander "Your
                        corrections (n)" (``.st-key-ag_corrections``)
"""
