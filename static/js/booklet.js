// Reading progress along the chapter, as a thin bar; the page works without it.
(function () {
    "use strict";
    var bar = document.querySelector(".booklet-reading-progress__bar");
    var chapter = document.querySelector(".booklet-chapter");
    if (!bar || !chapter) {
        return;
    }
    function update() {
        var box = chapter.getBoundingClientRect();
        var total = box.height - window.innerHeight;
        var ratio = total > 0 ? Math.min(Math.max(-box.top / total, 0), 1) : 1;
        bar.style.width = (ratio * 100).toFixed(1) + "%";
    }
    window.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
})();
